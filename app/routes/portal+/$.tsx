// Any unknown address under this side: a 404 rendered inside the signed-in layout (header, navigation
// and sign-out stay), after the layout has checked who is asking.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
