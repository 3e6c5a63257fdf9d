// The platform's error body (vendor `errorScheme`, docs/platform-notes.md §4). The codes are [assumed]: the vendor documents
// the shape and gives 1006 as an example, not a list, so the sandbox uses readable names the client must not rely on.

export interface ErrorBody {
  error: {
    code: string | number;
    domain: string | null;
    message: string;
    details: {info: string | null};
    context: Record<string, unknown>;
  };
}

export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | number,
    message: string,
    readonly info: string | null = null,
    /** Headers the answer carries (405's `Allow`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        domain: 'PlatformAccountServer',
        message: this.message,
        details: {info: this.info},
        context: {},
      },
    };
  }
}

/** `/idp/*` answers in the OAuth shape instead (vendor `tokenError`, `revokeError`). */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }

  toBody(): {error: string; error_description: string} {
    return {error: this.error, error_description: this.description};
  }
}
