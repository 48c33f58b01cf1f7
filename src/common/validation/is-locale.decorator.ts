import { IsIn } from 'class-validator';
import { LOCALES } from '../i18n/locale';

/** `en` or `es`. */
export const IsLocale = () => IsIn(LOCALES, { message: `$property must be one of: ${LOCALES.join(', ')}` });
