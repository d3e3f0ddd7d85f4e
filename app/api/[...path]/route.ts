// Unknown API paths answer in the error envelope (with Cache-Control: no-store, like every API error)
// rather than with the HTML 404 page.
import { errorResponse, MeshwatchError } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';

const notFound = apiRoute(() => errorResponse(new MeshwatchError('not_found', 'No such API endpoint.')));

export {
  notFound as GET,
  notFound as HEAD,
  notFound as POST,
  notFound as PUT,
  notFound as PATCH,
  notFound as DELETE,
  notFound as OPTIONS,
};
