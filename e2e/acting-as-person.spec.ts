import { ActivityPage } from './pages/activity-page';
import { InjectionDialog } from './pages/action-dialogs';
import { NamespacePage } from './pages/namespace-page';
import { OverviewPage } from './pages/overview-page';
import { SignInPage } from './pages/sign-in-page';
import { expect, test } from './support/fixtures';
import {
  createPeople,
  deletePeople,
  PEOPLE_NAMESPACE,
  TEAM_A,
  TEAM_B,
  TEAM_C,
  type Tokens,
} from './support/people';
import { namespaceAnnotation } from './support/scratch-namespace';

// #25: meshwatch with MESHWATCH_AUTH=user. Nobody gets in without signing in; alice and bob each see
// what their own RBAC lets them, the buttons say why not in their own name, and alice's change goes out
// as her.
test.use({ serverProfile: 'user' });

const alice = `system:serviceaccount:${PEOPLE_NAMESPACE}:alice`;
const bob = `system:serviceaccount:${PEOPLE_NAMESPACE}:bob`;

test.describe('acting as the person who signed in', () => {
  let tokens: Tokens;

  test.beforeAll(async () => {
    tokens = await createPeople();
  });

  test.afterAll(async () => {
    await deletePeople();
  });

  test('alice changes what she may, bob only looks, both sign out', async ({ page, shot }) => {
    const signIn = new SignInPage(page);
    const overview = new OverviewPage(page);
    const namespace = new NamespacePage(page);

    // Nobody is let in without signing in, and the page comes back afterwards.
    await page.goto(`/namespaces/${TEAM_A}`);
    await expect(signIn.heading).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await shot('sign-in');
    await signIn.with('not-a-token');
    await expect(signIn.error).toContainText('did not accept this credential');

    await signIn.with(tokens.alice);
    await expect(namespace.heading).toHaveText(TEAM_A);
    await expect(page.getByTestId('person-name')).toHaveText(`alice (${PEOPLE_NAMESPACE})`);

    // Her overview: her namespaces only.
    await overview.goto();
    await expect(overview.row(TEAM_A)).toBeVisible();
    await expect(overview.row(TEAM_B)).toBeVisible();
    await expect(overview.row(TEAM_C)).toHaveCount(0);
    await expect(overview.row('kube-system')).toHaveCount(0);
    await shot('person-alice-overview');

    // team-b: she may look, not change; the reason names her.
    await namespace.goto(TEAM_B);
    await expect(namespace.changeInjection).toHaveAttribute(
      'data-blocked-reason',
      `${alice} may not patch namespaces in ${TEAM_B} (RBAC).`,
    );
    await expect(namespace.restartWorkload('Deployment', 'web')).toHaveAttribute(
      'data-blocked-reason',
      `${alice} may not patch deployments.apps in ${TEAM_B} (RBAC).`,
    );

    // team-c does not exist for her.
    await page.goto(`/namespaces/${TEAM_C}`);
    await expect(page.getByText(`Namespace "${TEAM_C}" not found.`)).toBeVisible();

    // team-a: she may, and does.
    await namespace.goto(TEAM_A);
    await expect(namespace.changeInjection).not.toHaveAttribute('data-blocked-reason', /.+/);
    await namespace.changeInjection.click();
    const dialog = new InjectionDialog(page);
    await expect(dialog.consequence).toContainText(`${TEAM_A}: linkerd.io/inject (not set) → enabled`);
    await dialog.apply.click();
    await expect(dialog.applied).toContainText(`linkerd.io/inject is now “enabled” on ${TEAM_A}`);
    expect(await namespaceAnnotation(TEAM_A)).toBe('enabled');
    await shot('person-alice-applied');
    await page.keyboard.press('Escape');

    const activity = new ActivityPage(page);
    await activity.goto();
    const entry = activity.entry('Set injection', `Namespace/${TEAM_A}`).filter({ hasNotText: 'dry run' });
    await expect(entry.first()).toContainText(`alice (${PEOPLE_NAMESPACE})`);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(signIn.heading).toBeVisible();
    await page.goto('/');
    await expect(signIn.heading).toBeVisible();

    // bob: team-a is his to look at only.
    await signIn.with(tokens.bob);
    await expect(page.getByTestId('person-name')).toHaveText(`bob (${PEOPLE_NAMESPACE})`);
    await expect(overview.row(TEAM_A)).toBeVisible();
    await expect(overview.row(TEAM_B)).toHaveCount(0);
    await namespace.goto(TEAM_A);
    await expect(namespace.changeInjection).toHaveAttribute(
      'data-blocked-reason',
      `${bob} may not patch namespaces in ${TEAM_A} (RBAC).`,
    );
    const restart = namespace.restartWorkload('Deployment', 'web');
    await expect(restart).toHaveAttribute(
      'data-blocked-reason',
      new RegExp(`^${bob} may not patch deployments`),
    );
    await restart.click({ force: true });
    await expect(page.getByTestId('restart-dialog')).toBeHidden();
    await shot('person-bob-namespace');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(signIn.heading).toBeVisible();
  });
});
