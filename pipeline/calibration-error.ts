/** Expected failures of `sniper calibrate`, each with a code and a message a person can act on. */
import { SniperError } from '../core/errors.ts';

export type CalibrationErrorCode = 'empty_lake' | 'too_few_listings' | 'bad_ground_truth';

export class CalibrationError extends SniperError {
  readonly code: CalibrationErrorCode;
  constructor(code: CalibrationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
