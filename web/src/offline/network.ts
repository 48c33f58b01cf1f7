import { onlineManager } from '@tanstack/react-query';
import { session } from '../api/session';

/**
 * TanStack Query fetches only while this says online: the browser has a network AND the session
 * is known. A tab opened offline shows its stored answers, and when the network returns its queries
 * wait for the session refresh instead of being sent without a token.
 */
export function followNetwork(): void {
  onlineManager.setEventListener((setOnline) => {
    const update = () => setOnline(navigator.onLine && session.known);
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    const unsubscribe = session.subscribe(update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
      unsubscribe();
    };
  });
}
