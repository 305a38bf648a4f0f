/** `npm run preview`: serves dist/ at BASE_PATH (default /), as a static host would. */
import { startStaticServer } from './static-server.mjs';

const base = process.env.BASE_PATH ?? '/';
const port = Number(process.env.PORT ?? 4322);
const { url } = await startStaticServer({ root: 'dist', base, port });
console.log(`vaultlens: serving dist/ at ${url} (Ctrl+C to stop)`);
