// The TOO command table: each command ID with the factory of its handler (the queries' commands are
// registered from their catalogue in src/too/queries).
import { TooCommands } from '../../common/commandIds';
import type { CommandTable } from '../../common/commandTable';
import { signIn, signOut } from './account';
import type { TooDeps } from './deps';
import { exportPython } from './exportPython';
import { refresh, setDateRange } from './list';
import { newRequest, submit, validate } from './requestFile';
import { copyId, queryTarget, showDetail, showRawDetail } from './rows';

export const TOO_COMMANDS: CommandTable<TooDeps> = {
  [TooCommands.signIn]: signIn,
  [TooCommands.signOut]: signOut,
  [TooCommands.refresh]: refresh,
  [TooCommands.setDateRange]: setDateRange,
  [TooCommands.showDetail]: showDetail,
  [TooCommands.showRawDetail]: showRawDetail,
  [TooCommands.copyId]: copyId,
  [TooCommands.queryTarget]: queryTarget,
  [TooCommands.newRequest]: newRequest,
  [TooCommands.validate]: validate,
  [TooCommands.submit]: submit,
  [TooCommands.exportPython]: exportPython,
};
