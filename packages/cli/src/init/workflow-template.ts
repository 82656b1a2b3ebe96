// The GitHub Actions workflow a project gets: pull requests compared side by side, main benched into a
// history, calibration on demand. One text for both kinds of project; this repository's own
// .github/workflows/bench.yml is its rendering for the Nx project `benchmarks`.

/** Where the suites are and how they are run: an Nx project's inferred targets, or the CLI in a folder. */
export type WorkflowTarget = { runner: 'nx'; project: string; root: string } | { runner: 'npm'; dir: string };

/** The workflow's path in a repository. */
export const WORKFLOW_FILE = '.github/workflows/bench.yml';

/** The workflow text for a project, ready to write to WORKFLOW_FILE. */
export function workflowSource(target: WorkflowTarget): string {
  const commands =
    target.runner === 'nx'
      ? {
          compare: `npx nx run ${target.project}:bench-compare`,
          bench: `npx nx run ${target.project}:bench`,
          calibrate: `npx frozen-duckdb calibrate ${target.root}`,
        }
      : {
          compare: `npx frozen-duckdb compare ${target.dir}`,
          bench: `npx frozen-duckdb bench ${target.dir}`,
          calibrate: `npx frozen-duckdb calibrate ${target.dir}`,
        };
  // Every job that measures: install, then the engine check, which fails the job on a drifted engine.
  const installAndCheck = `      - run: npm ci

      # The engine measured is the one pinned: a drifted or broken DuckDB fails here, before any timing.
      - name: Check the engine
        shell: bash
        run: |
          npx frozen-duckdb doctor --offline
          if [ -f duckdb.lock.json ]; then
            npx frozen-duckdb link-check --verify
          else
            echo '::warning title=Engine not pinned::no duckdb.lock.json: run npx frozen-duckdb link-check --update and commit it, so that a drifted engine fails this step'
            npx frozen-duckdb link-check
          fi
`;
  // Opt-in second measure: instruction counts need valgrind, which hosted runners do not have.
  const valgrindStep = `      - name: Install valgrind (instruction counts)
        if: vars.BENCH_INSTRUCTIONS == 'true'
        run: sudo apt-get update -qq && sudo apt-get install -y -qq valgrind
`;
  const header =
    target.runner === 'nx'
      ? `# Benchmarks and the regression gate (frozen-duckdb) for the Nx project \`${target.project}\`.
# Written by \`npx nx g @frozen-duckdb/nx-plugin:ci-workflow --project=${target.project}\`; edit it freely.`
      : `# Benchmarks and the regression gate (frozen-duckdb) for the suites in \`${target.dir}\`.
# Written by \`npx frozen-duckdb init\`; edit it freely.`;
  return `${header}
#
# Pull requests: the PR is measured against the merge-base with its base branch, side by side in
#   one job (fresh processes, interleaved rounds), and the verdict goes to the job summary and a
#   PR comment. Exit codes of frozen-duckdb: 0 pass, 1 regression confirmed, 2 usage or environment
#   error (nothing was compared), 3 inconclusive. The verdict is read back from the comparison's
#   JSON (Nx turns every failed task into exit 1).
# Push to main: the suites run against .performance_baseline (suspects confirmed side by side
#   against the baseline's commit), the run is appended to the history database (kept between
#   runs in the Actions cache) and the history is uploaded as Parquet.
# Run manually with "calibrate": false alarms on identical code and detection of injected slowdowns
#   on this runner type, to choose a threshold and find benchmarks too noisy to gate.
name: bench

on:
  pull_request:
  push:
    branches: [main]
  workflow_dispatch:
    inputs:
      calibrate:
        description: Measure the gate on this runner type (frozen-duckdb calibrate, about an hour) instead of benching
        type: boolean
        default: false

# One benchmark job per branch at a time; a new push to a PR replaces its running comparison,
# while runs on main all finish (each one is a point in the history).
concurrency:
  group: bench-\${{ github.ref }}
  cancel-in-progress: \${{ github.event_name == 'pull_request' }}

permissions:
  contents: read

env:
  NX_NO_CLOUD: 'true'
  NX_DAEMON: 'false'
  NX_TUI: 'false'
  # 3 (inconclusive: the budget ran out with the evidence pointing both ways) passes the job with a
  # warning; set to 'true' to fail it.
  FAIL_ON_INCONCLUSIVE: 'false'
  # Set the repository variable BENCH_INSTRUCTIONS to 'true' to gate pull requests on DuckDB's
  # instruction counts too (under valgrind, installed by the compare jobs; slow: see docs/instructions.md).
  MEASURE: \${{ vars.BENCH_INSTRUCTIONS == 'true' && '--measure=instructions' || '' }}

jobs:
  # Opt in to sharded pull-request comparisons by setting the repository variable BENCH_SHARDS to a
  # list such as [1,2,3]: each of these jobs compares its share of the suites (whole suites), and the
  # compare job merges their results into one verdict (frozen-duckdb merge-shards).
  compare-shard:
    name: compare shard \${{ matrix.shard }}
    if: github.event_name == 'pull_request' && vars.BENCH_SHARDS != ''
    runs-on: ubuntu-latest
    timeout-minutes: 45
    strategy:
      fail-fast: false
      matrix:
        shard: \${{ fromJSON(vars.BENCH_SHARDS || '[1]') }}
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0

      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm

${installAndCheck}
${valgrindStep}
      - name: Compare this shard side by side
        shell: bash
        env:
          BASE_REF: \${{ github.base_ref }}
          SHARD: \${{ matrix.shard }}/\${{ strategy.job-total }}
        run: |
          # The verdict is the merge's; a shard without a --json file compared nothing, and the merge names it missing.
          ${commands.compare} --base="origin/$BASE_REF" --shard="$SHARD" $MEASURE --json="$RUNNER_TEMP/bench-shard.json" --no-history || true

      - uses: actions/upload-artifact@v4
        with:
          name: bench-shard-\${{ matrix.shard }}
          path: \${{ runner.temp }}/bench-shard.json
          if-no-files-found: ignore

  compare:
    name: compare with the base branch
    needs: compare-shard
    # Also when compare-shard was skipped (no BENCH_SHARDS): then this job compares every suite itself.
    if: always() && github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    timeout-minutes: 45
    permissions:
      contents: read
      pull-requests: write # the PR comment
    steps:
      - uses: actions/checkout@v4
        with:
          # The whole history: the merge-base and the base commit are checked out in a worktree.
          fetch-depth: 0

      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm

${installAndCheck}
${valgrindStep}
      - name: Collect the shards
        if: vars.BENCH_SHARDS != ''
        uses: actions/download-artifact@v4
        with:
          pattern: bench-shard-*
          path: \${{ runner.temp }}/shards

      - name: Compare side by side
        id: compare
        shell: bash
        env:
          BASE_REF: \${{ github.base_ref }}
          SHARDS: \${{ vars.BENCH_SHARDS }}
        run: |
          set +e
          if [ -n "$SHARDS" ]; then
            npx frozen-duckdb merge-shards "$RUNNER_TEMP"/shards/*/bench-shard.json \\
              --json="$RUNNER_TEMP/bench-compare.json" --markdown="$RUNNER_TEMP/bench-compare.md" --no-history
          else
            ${commands.compare} --base="origin/$BASE_REF" $MEASURE \\
              --json="$RUNNER_TEMP/bench-compare.json" --markdown="$RUNNER_TEMP/bench-compare.md" --no-history
          fi
          nx_code=$?
          set -e
          # The CLI's exit code, from the file it writes once it has a verdict: no file means that
          # nothing was compared (a usage or environment error, or a base that does not build).
          if [ "$nx_code" -eq 0 ]; then
            code=0
          elif [ -s "$RUNNER_TEMP/bench-compare.json" ]; then
            code=$(node -e 'process.stdout.write(String({ pass: 0, fail: 1, inconclusive: 3 }[require(process.argv[1]).outcome] ?? 2))' "$RUNNER_TEMP/bench-compare.json" || echo 2)
          else
            code=2
          fi
          echo "code=$code" >> "$GITHUB_OUTPUT"
          case "$code" in
            0) verdict='no regression' ;;
            1) verdict='regression confirmed' ;;
            3) verdict='inconclusive: no regression confirmed, and none ruled out within the budget' ;;
            *) verdict='error: nothing was compared (see the job log)' ;;
          esac
          echo "verdict=$verdict" >> "$GITHUB_OUTPUT"
          if [ ! -s "$RUNNER_TEMP/bench-compare.md" ]; then
            printf '### Benchmarks: %s\\n\\nThe comparison stopped before a verdict (exit %s). The job log says why.\\n' "$verdict" "$code" > "$RUNNER_TEMP/bench-compare.md"
            cat "$RUNNER_TEMP/bench-compare.md" >> "$GITHUB_STEP_SUMMARY"
          fi

      - name: Comment on the pull request
        if: always() && steps.compare.outputs.code != ''
        # A PR from a fork gets a read-only token: the verdict is still in the job summary.
        continue-on-error: true
        uses: actions/github-script@v7
        env:
          REPORT: \${{ runner.temp }}/bench-compare.md
          CODE: \${{ steps.compare.outputs.code }}
          VERDICT: \${{ steps.compare.outputs.verdict }}
        with:
          script: |
            const fs = require('node:fs');
            const marker = '<!-- frozen-duckdb bench-compare -->';
            const body = [
              marker,
              \`**Benchmarks: \${process.env.VERDICT}** (exit \${process.env.CODE}, commit \${context.sha.slice(0, 12)})\`,
              '',
              fs.readFileSync(process.env.REPORT, 'utf8'),
            ].join('\\n');
            // One comment per PR, updated on every push.
            const comments = await github.paginate(github.rest.issues.listComments, {
              owner: context.repo.owner, repo: context.repo.repo, issue_number: context.issue.number, per_page: 100,
            });
            const previous = comments.find((c) => c.body?.startsWith(marker));
            if (previous) {
              await github.rest.issues.updateComment({ owner: context.repo.owner, repo: context.repo.repo, comment_id: previous.id, body });
            } else {
              await github.rest.issues.createComment({ owner: context.repo.owner, repo: context.repo.repo, issue_number: context.issue.number, body });
            }

      - name: Keep the comparison
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: bench-compare
          path: |
            \${{ runner.temp }}/bench-compare.json
            \${{ runner.temp }}/bench-compare.md
          if-no-files-found: ignore

      - name: Gate
        shell: bash
        env:
          CODE: \${{ steps.compare.outputs.code }}
          VERDICT: \${{ steps.compare.outputs.verdict }}
        run: |
          case "$CODE" in
            0) echo "$VERDICT" ;;
            3) echo "::warning title=Benchmarks inconclusive::$VERDICT"
               [ "$FAIL_ON_INCONCLUSIVE" = 'true' ] && exit 3 || exit 0 ;;
            1) echo "::error title=Benchmarks::$VERDICT"; exit 1 ;;
            *) echo "::error title=Benchmarks::$VERDICT"; exit 2 ;;
          esac

  record:
    name: bench main and record the history
    if: github.event_name == 'push' || (github.event_name == 'workflow_dispatch' && !inputs.calibrate)
    runs-on: ubuntu-latest
    timeout-minutes: 45
    env:
      FROZEN_DUCKDB_HISTORY: \${{ github.workspace }}/.bench/history.duckdb
      # Runs kept in the cached history (change points need a few a side; each run is about 100 KB).
      HISTORY_KEEP_RUNS: '500'
    steps:
      - uses: actions/checkout@v4
        with:
          # A suspect is confirmed against the baseline's commit, checked out in a worktree.
          fetch-depth: 0

      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm

${installAndCheck}
      # The history of earlier runs: the newest cache entry of this workflow (a new key every run).
      - name: Restore the history
        uses: actions/cache/restore@v4
        with:
          path: .bench
          key: bench-history-\${{ github.run_id }}
          restore-keys: bench-history-

      - name: Bench against the baseline
        id: bench
        shell: bash
        run: |
          ${commands.bench} --json="$RUNNER_TEMP/bench.json" --markdown="$RUNNER_TEMP/bench.md" --history="$FROZEN_DUCKDB_HISTORY"

      - name: Trends
        if: always() && hashFiles('.bench/history.duckdb') != ''
        shell: bash
        run: |
          { echo '### Benchmark trends (history)'; echo '\`\`\`'
            npx frozen-duckdb history --history="$FROZEN_DUCKDB_HISTORY" --limit=10
            echo '\`\`\`'; } >> "$GITHUB_STEP_SUMMARY"

      - name: Export the history as Parquet
        if: always() && hashFiles('.bench/history.duckdb') != ''
        run: npx frozen-duckdb history export --parquet="$RUNNER_TEMP/history-parquet" --history="$FROZEN_DUCKDB_HISTORY"

      # The oldest runs go (with their samples) and the file is rewritten smaller: the cache stays small.
      - name: Prune the history
        if: always() && hashFiles('.bench/history.duckdb') != ''
        run: npx frozen-duckdb history prune --keep-runs="$HISTORY_KEEP_RUNS" --history="$FROZEN_DUCKDB_HISTORY"

      - name: Save the history
        if: always() && hashFiles('.bench/history.duckdb') != ''
        uses: actions/cache/save@v4
        with:
          path: .bench
          key: bench-history-\${{ github.run_id }}

      - name: Keep the results and the history
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: bench-history-\${{ github.sha }}
          path: |
            \${{ runner.temp }}/bench.json
            \${{ runner.temp }}/bench.md
            \${{ runner.temp }}/history-parquet/
          if-no-files-found: ignore
          retention-days: 90

  calibrate:
    name: calibrate the gate on this runner type
    if: github.event_name == 'workflow_dispatch' && inputs.calibrate
    runs-on: ubuntu-latest
    timeout-minutes: 120
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0

      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm

      # npm ci installs the project (and builds it, when its prepare script does) as calibrate measures it.
${installAndCheck}
      - name: Calibrate
        shell: bash
        run: |
          ${commands.calibrate} --trials=5 --levels=5,10,15,20 \\
            --markdown="$RUNNER_TEMP/calibrate.md" --json="$RUNNER_TEMP/calibrate.json"

      - name: Report
        if: always()
        shell: bash
        run: '[ -s "$RUNNER_TEMP/calibrate.md" ] && cat "$RUNNER_TEMP/calibrate.md" >> "$GITHUB_STEP_SUMMARY" || true'

      - name: Keep the calibration
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: calibrate-\${{ github.sha }}
          path: |
            \${{ runner.temp }}/calibrate.md
            \${{ runner.temp }}/calibrate.json
          if-no-files-found: ignore
`;
}
