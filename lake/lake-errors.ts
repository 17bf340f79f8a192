/**
 * Why writing to the lake failed. A full disk and a permission problem are told apart from other
 * I/O errors so that the recorder can say exactly what the user has to fix.
 */
import { SniperError } from '../core/errors.ts';

export type LakeWriteErrorCode = 'disk_full' | 'permission_denied' | 'io_error' | 'bad_batch';

export class LakeWriteError extends SniperError {
  readonly code: LakeWriteErrorCode;
  constructor(code: LakeWriteErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Map a Node or DuckDB I/O error to a LakeWriteError that says what to do about it. */
export function toLakeWriteError(cause: unknown, what: string): LakeWriteError {
  if (cause instanceof LakeWriteError) return cause;
  const e = cause as { code?: string; message?: string };
  const msg = e?.message ?? String(cause);
  if (e?.code === 'ENOSPC' || e?.code === 'EDQUOT' || /no space left|ENOSPC|disk quota/i.test(msg)) {
    return new LakeWriteError('disk_full', `${what}: the disk is full (free space, then the recorder continues): ${msg}`, { cause });
  }
  if (e?.code === 'EACCES' || e?.code === 'EPERM' || e?.code === 'EROFS' || /permission denied|read-only file system|EACCES|EROFS/i.test(msg)) {
    return new LakeWriteError('permission_denied', `${what}: permission denied (check the owner and mode of the lake folder): ${msg}`, { cause });
  }
  return new LakeWriteError('io_error', `${what}: ${msg}`, { cause });
}
