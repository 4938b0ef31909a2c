import { equalShares } from './equal-shares.rule';
import { formatExplanation } from './explanation.formatter';
import { greedy } from './greedy.rule';
import { textbookElection } from './textbook.fixture';

describe('formatExplanation', () => {
  const mes = equalShares(textbookElection, { increment: 0 }).explanation;

  it('writes English sentences for rounds, losers and notes', () => {
    const lines = formatExplanation(mes, { language: 'en', currency: 'EUR', names: { bike: 'Bike lanes' } });
    expect(lines[0]).toBe(
      '1. Bike lanes funded (700 EUR, 7 votes): each supporter paid up to 100 EUR, effective support 7; 7 paid the full share; 4 voters still hold money (at most 100 EUR). Budget left: 400 EUR.',
    );
    expect(lines).toContain('gym: would have needed 16.7 % more support (effective support 6 vs 7 for Bike lanes in round 1); afterwards its supporters could no longer pay for it.');
  });

  it('writes German sentences', () => {
    const lines = formatExplanation(mes, { language: 'de', currency: 'EUR' });
    expect(lines[0]).toContain('1. bike gefördert (700 EUR, 7 Stimmen)');
    expect(lines).toContain('gym: hätte 16,7 % mehr Unterstützung gebraucht (effektive Unterstützung 6 gegenüber 7 für bike in Runde 1); danach reichte das Guthaben der Unterstützenden nicht mehr.');
    const g = formatExplanation(greedy(textbookElection).explanation, { language: 'de' });
    expect(g).toContain('park: passte nicht mehr: Restbudget 0 < Kosten 250.');
  });
});
