/** The client application behind an API key. */
export interface Open311Client {
  keyId: string;
  name: string;
}
