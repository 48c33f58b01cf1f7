import { ExecutionContext } from '@nestjs/common';

/**
 * A guard's decision, taken once per request: a cache hit answered early (src/cache/early-hits.ts)
 * runs the global guards before Nest, and when it falls through Nest runs them again. The second
 * run gets the first one's answer (or the same exception), so a request is authenticated, and
 * counted against a rate limit, once.
 */
export class OncePerRequest {
  private readonly decisions = new WeakMap<object, Promise<boolean>>();

  decide(context: ExecutionContext, decision: () => Promise<boolean>): Promise<boolean> {
    const request = context.switchToHttp().getRequest<object>();
    let decided = this.decisions.get(request);
    if (!decided) this.decisions.set(request, (decided = decision()));
    return decided;
  }
}
