import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';

export type BudgetLinkPurpose = 'budget-support-confirm' | 'budget-voter' | 'budget-follow-confirm' | 'budget-follow-unsubscribe';

/** Unambiguous characters for codes people type from a letter (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * Signed e-mail links, voting codes and receipts of the participatory budget.
 * Link tokens are HMACs of purpose and row id (like LinkTokens in @app/core,
 * whose purpose list belongs to the reporter). Voting codes are stored only
 * as keyed hashes, receipts only as hashes.
 */
@Injectable()
export class BudgetSecrets {
  constructor(private readonly config: AppConfig) {}

  sign(purpose: BudgetLinkPurpose, id: string): string {
    return createHmac('sha256', this.config.env.APP_SECRET).update(`${purpose}:${id}`).digest('base64url');
  }

  verify(purpose: BudgetLinkPurpose, id: string, token: string): boolean {
    const expected = Buffer.from(this.sign(purpose, id));
    const given = Buffer.from(String(token));
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** 16 characters from a 31-letter alphabet ≈ 79 bits, printed in groups of four. */
  newVotingCode(): string {
    const bytes = randomBytes(16);
    const chars = [...bytes].map((byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join('');
    return chars.match(/.{4}/g)!.join('-');
  }

  /** Keyed, so a stolen table of hashes cannot be brute-forced without the secret. */
  votingCodeHash(code: string): string {
    const normalized = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
    return createHmac('sha256', this.config.env.APP_SECRET).update(`budget-code:${normalized}`).digest('hex');
  }

  /** 128 random bits: a receipt reveals nothing and cannot be guessed. */
  newReceipt(): string {
    return randomBytes(16).toString('hex').toUpperCase().match(/.{4}/g)!.join('-');
  }

  receiptHash(receipt: string): string {
    const normalized = receipt.toUpperCase().replace(/[^A-F0-9]/g, '');
    return createHash('sha256').update(`budget-receipt:${normalized}`).digest('hex');
  }
}
