// Login, logout and session check (test/fixtures/protocol/swift-too-v2.md §2).
import { authenticate, SessionStore } from '../accounts';
import type { Handler } from '../env';
import { bodyParams, ParamReader } from '../params';
import { flatError, jsonReply, notLoggedIn, validationError } from '../replies';
import { cookiePath, loginReplyVariant } from '../wireVariants';

/** `POST /login` and `POST /login/password`: JSON `{username, password}` (form-encoded tolerated). */
export const login: Handler = (req, env) => {
  const params = bodyParams(req.headers['content-type'], req.body);
  if ('error' in params)
    return validationError([{ type: 'json_invalid', loc: ['body'], msg: params.error, input: req.body.toString('utf8') }]);
  const r = new ParamReader('body', params);
  const username = r.string('username', { required: true });
  const password = r.string('password', { required: true });
  if (username === undefined || password === undefined) return validationError(r.issues);
  const account = authenticate(username, password);
  if (!account) return flatError(401, 'Invalid username or password.');
  const token = env.sessions.open(account);
  const setCookie = env.sessions.cookieFor(token, cookiePath(env.ctx.variants));
  // The real success body is unknown and ignored by the client; `{}` as the fixture, or a variant.
  return loginReplyVariant(env.ctx.variants, setCookie) ?? jsonReply(200, {}, { 'set-cookie': setCookie });
};

/** `POST /logout`: always succeeds (also without a session) and clears the cookie. */
export const logout: Handler = (req, env) => {
  env.sessions.close(req.cookies.session);
  return jsonReply(200, {}, { 'set-cookie': SessionStore.clearingCookie(cookiePath(env.ctx.variants)) });
};

export const session: Handler = (req, env) => {
  const account = env.user(req);
  return account ? jsonReply(200, { username: account.username }) : notLoggedIn();
};
