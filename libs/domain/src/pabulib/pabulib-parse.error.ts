/** A .pb file was refused; nothing of it is returned, so no partial election can be counted. */
export class PabulibParseError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`pabulib line ${line}: ${reason}`);
    this.name = 'PabulibParseError';
  }
}
