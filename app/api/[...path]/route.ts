// Unknown API paths answer in the error envelope rather than with the HTML 404 page.
import { errorBody } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';

const notFound = apiRoute(() =>
  Response.json(errorBody('not_found', 'No such API endpoint.'), { status: 404 }),
);

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
