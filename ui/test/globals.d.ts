/** Knobs the browser tests set on the harness page before it loads. */
interface Window {
  /** Which fixture the mocked backend answers with. */
  __DOJANG_SCENARIO__?: string;
  /** How long the mocked backend takes to answer, in milliseconds. */
  __DOJANG_IPC_DELAY_MS__?: number;
  /** How many times `list_certificates` has been called. */
  __DOJANG_IPC_CALLS__?: number;
}
