import { Component, type ReactNode } from 'react';
import { i18n } from '../i18n';

/** A screen that throws while rendering shows what to do instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null; key: string }> {
  state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { key: string }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="state error" role="alert">
        <p>{i18n.t('state.screenFailed', { message: this.state.error.message })}</p>
        <p>{i18n.t('state.screenFailedHint')}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {i18n.t('app.reload')}
        </button>
      </div>
    );
  }
}
