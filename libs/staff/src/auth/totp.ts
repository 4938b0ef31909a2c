import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) with ±1 step of clock drift and no reuse of a step. */
export const totp = {
  newSecret(): string {
    return generateSecret();
  },
  uri(secret: string, issuer: string, label: string): string {
    return generateURI({ issuer, label, secret });
  },
  async check(secret: string, code: string, lastStep: number | null): Promise<number | null> {
    if (!/^\d{6}$/.test(code)) return null;
    const result = await verify({ secret, token: code, epochTolerance: 30, ...(lastStep === null ? {} : { afterTimeStep: lastStep }) });
    if (!result.valid) return null;
    // TOTP results carry the matched step; HOTP ones (never used here) do not.
    return 'timeStep' in result ? (result as { timeStep: number }).timeStep : null;
  },
};
