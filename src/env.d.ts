/// <reference types="astro/client" />
// Types des imports propres à Vite/Astro (`?url`, `import.meta.env`…), disponibles pour `tsc`
// même avant `astro sync` (qui écrit `.astro/types.d.ts`).
