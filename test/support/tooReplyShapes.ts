// Documented shapes of TOO API v2 replies the client deliberately does not read as a whole, so tests can
// check that the fixtures conform to them (test/fixtures/protocol/swift-too-v2.md §2, §3.1, §3.2, §11.2).
// The client reads login and logout bodies not at all, error bodies leniently (describeTooError) and a
// submission through its status object only, as the official client (swift_too) does; none of these
// shapes is a rule the product applies, so they live with the tests.
import * as z from 'zod';
import { fastApiDetailSchema, statusFromBody } from '../../src/too/responseSchemas';

/** A status object, flat or nested as `{"status": {...}}` (§3.1): exactly what statusFromBody can read. */
const statusBodySchema = z.custom<unknown>((body) => statusFromBody(body) !== undefined, {
  message: 'neither a flat nor a nested status object',
});

/**
 * Reply to `POST /swift/too` (§11.2): a flat status (201 `Accepted` with `too_id`, 200 `Validated`, 400
 * `Rejected`/`Error`) or the nested form. 200 and 201 both mean success (§17 T3).
 */
export const tooSubmitResponseSchema = statusBodySchema;

/** Any error body the API is known to send (§3.2): FastAPI detail, nested status or flat status. */
export const errorBodySchema = z.union([fastApiDetailSchema, statusBodySchema]);

/** Login and logout success bodies are unknown (§2): anything that is a JSON object. */
export const loginResponseSchema = z.looseObject({});
export const logoutResponseSchema = z.looseObject({});
