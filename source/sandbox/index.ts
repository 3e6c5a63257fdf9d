// The embedded sandbox: a local double of the platform API (docs/platform-notes.md §1–4) for demos and tests.

export {loadFaultFile} from './fault-file.js';
export type {FaultRule} from './faults.js';
export {type Scenario, scenarioList, scenarioNamed, scenarios} from './scenarios.js';
export {demoClientSecret} from './seed.js';
export {type RecordedRequest, type Sandbox, type SandboxOptions, startSandbox} from './server.js';
export {StateFileError} from './state.js';
export {type RequestSummary, summarize} from './summary.js';
