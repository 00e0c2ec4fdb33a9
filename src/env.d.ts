/// <reference types="astro/client" />
// Types des imports propres à Vite/Astro (`?url`, `import.meta.env`…), disponibles pour `tsc`
// même avant `astro sync` (qui écrit `.astro/types.d.ts`).

declare namespace App {
  interface Locals {
    /** Les services du processus (src/app/services.ts), posés par src/middleware.ts. */
    app: import('./app/services').AppServices;
  }
}

declare namespace Astro {
  interface ClientDirectives {
    /** Hydrate l'île à la première interaction (src/components/islands/on-interaction.ts). */
    'client:interaction'?: boolean;
  }
}
