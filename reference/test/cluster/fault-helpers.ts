/** What the cluster fault tests share besides cluster-helpers.ts: their task module (waits: pool/helpers.ts). */
import { modulePath } from '../../../test-support/repo-paths.js';

export const FAULT_TASKS = modulePath(import.meta.url, './fixtures/fault-tasks');
