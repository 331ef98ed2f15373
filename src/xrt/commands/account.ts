// The commands about the user's side of the service: Count Active Jobs, New Request (a template, with
// the user ID filled in) and Set User ID.
import { createRequestFile, requestFileName } from '../../editing/requestFiles';
import { describeError } from '../../http/errors';
import { XRT_TEMPLATES } from '../request/templates';
import { askForUserId } from '../userId';
import type { XrtCommand } from './deps';

export const countActiveJobs: XrtCommand = (deps) => async () => {
  const client = await deps.clientForUser();
  if (!client) return undefined;
  try {
    const { numJobs } = await client.countActiveJobs();
    void deps.window.showInformationMessage(
      `The XRT product generator has ${numJobs} active job${numJobs === 1 ? '' : 's'} (queued or running) for ${client.userId}.`,
    );
    return numJobs;
  } catch (error) {
    void deps.window.showErrorMessage(`Could not count your active jobs: ${describeError(error)}`);
    return undefined;
  }
};

export const newRequest: XrtCommand = (deps) => async (templateId?: string) => {
  const template =
    XRT_TEMPLATES.find((t) => t.id === templateId) ??
    (
      await deps.window.showQuickPick(
        XRT_TEMPLATES.map((t) => ({ label: t.label, detail: t.detail, template: t })),
        { title: 'New XRT Product Request', placeHolder: 'Start from…' },
      )
    )?.template;
  if (!template) return undefined;
  const userId = await deps.ensureUserId();
  return createRequestFile(
    requestFileName(String(template.body.name), template.id),
    userId ? { UserID: userId, ...template.body } : template.body,
  );
};

export const setUserId: XrtCommand = () => () => askForUserId();
