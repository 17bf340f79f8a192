/**
 * A REST request as the sim's handlers see it: the merged parameters (the query string wins over
 * the body, mexc-api.md §4.1), the raw text that was signed, the API key header, and helpers for
 * MEXC's answers and error bodies.
 */
export interface RestRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  /** Query string and body concatenated without the signature parameter (§4.2 totalParams). */
  readonly signedText: string;
  readonly signature: string | undefined;
  readonly apiKey: string | undefined;
  readonly ip: string;
}

export interface RestAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export const ok = (body: unknown): RestAnswer => ({ status: 200, body });
export const fail = (code: number, msg: string, status = 400): RestAnswer => ({ status, body: { code, msg } });

function stripSignature(text: string): { rest: string; signature: string | undefined } {
  let signature: string | undefined;
  const kept: string[] = [];
  for (const part of text.split('&')) {
    if (part.startsWith('signature=')) signature = decodeURIComponent(part.slice('signature='.length));
    else if (part !== '') kept.push(part);
  }
  return { rest: kept.join('&'), signature };
}

function parseForm(text: string, into: Record<string, string>): void {
  for (const [k, v] of new URLSearchParams(text)) into[k] ??= v;
}

export async function readRestRequest(req: Request, ip: string): Promise<RestRequest> {
  const url = new URL(req.url);
  const query = url.search.startsWith('?') ? url.search.slice(1) : url.search;
  const bodyText = req.method === 'GET' || req.method === 'HEAD' ? '' : await req.text();
  const q = stripSignature(query);
  const params: Record<string, string> = {};
  parseForm(query, params);
  let bodySig: string | undefined;
  let bodySigned = '';
  const trimmed = bodyText.trim();
  if (trimmed.startsWith('{')) {
    try {
      const json = JSON.parse(trimmed) as Record<string, unknown>;
      for (const [k, v] of Object.entries(json)) {
        if (k === 'signature') bodySig = String(v);
        else params[k] ??= String(v);
      }
      bodySigned = trimmed;
    } catch {
      // a malformed body signs as sent and carries no parameters
      bodySigned = trimmed;
    }
  } else if (trimmed !== '') {
    const b = stripSignature(trimmed);
    bodySig = b.signature;
    bodySigned = b.rest;
    parseForm(trimmed, params);
  }
  delete params.signature;
  return {
    method: req.method,
    path: url.pathname,
    params,
    signedText: q.rest + bodySigned,
    signature: q.signature ?? bodySig,
    apiKey: req.headers.get('x-mexc-apikey') ?? undefined,
    ip,
  };
}
