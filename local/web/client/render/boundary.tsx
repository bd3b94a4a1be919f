import React, { Component, type ReactNode } from 'react';

interface Props {
  type: string;
  /** Each ForgeDoc the app sends is a new snapshot: a failed node gets another try with it. */
  revision: unknown;
  children: ReactNode;
}

/** One node that fails to render shows a small error box; the rest of the page stays. */
export class NodeBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error) {
    console.error(`rendering ${this.props.type} failed`, error);
  }

  override componentDidUpdate(previous: Props) {
    if (this.state.error && previous.revision !== this.props.revision)
      this.setState({ error: null });
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="forge-local-error" data-forge-type={this.props.type}>
        {this.props.type} could not be shown: {error.message}
      </div>
    );
  }
}
