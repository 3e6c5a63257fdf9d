// A call as the sandbox's routes take it, and what they hand back to the server (server.ts).

/** What a route hands back to the server: a status and a JSON body (or none). */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface IncomingCall {
  method: string;
  /** Below `/api/2`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
