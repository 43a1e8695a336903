/** The route table's plain endpoints, put in by the build from the contract (vite.config.ts, `ipt-endpoints`). */
declare module 'virtual:ipt/endpoints' {
  import type { Endpoints } from '@ipt/contract';

  const endpoints: Endpoints;
  export default endpoints;
}
