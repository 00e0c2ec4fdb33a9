/** zod configuré en français : tous les messages de validation sont en français. */
import { z } from 'zod';

z.config(z.locales.fr());

export { z };
