import { createServer } from 'node:net';

/** Un port TCP libre sur la boucle locale (pour lancer un second serveur pendant un test). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port introuvable'))));
    });
  });
}
