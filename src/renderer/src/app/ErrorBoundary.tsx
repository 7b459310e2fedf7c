import { Component, type ReactNode } from 'react'
import { ErrorNotice } from '../ui'

/** A screen that crashes shows what happened and a way out; the sidebar keeps working. */
export class ErrorBoundary extends Component<{ children: ReactNode; where: string }, { error: unknown }> {
  state = { error: null as unknown }
  static getDerivedStateFromError(error: unknown) {
    return { error }
  }
  componentDidCatch(error: unknown) {
    console.error(`${this.props.where} crashed`, error)
  }
  render() {
    if (this.state.error) {
      return (
        <div className="mx-auto max-w-xl p-8">
          <ErrorNotice
            title={`The ${this.props.where} screen stopped working`}
            error={this.state.error}
            hint="Try again, or open another section from the sidebar. If it keeps happening, run Diagnostics."
            onRetry={() => this.setState({ error: null })}
          />
        </div>
      )
    }
    return this.props.children
  }
}
