/* core/engine_run.c - sl_engine_run (see engine.h): checks and locks the
 * run's files once (run_plan.h), then runs the engine in this process
 * (engine.c) or under the --isolate supervisor (engine_isolate.c). It sits
 * above both, so the supervisor can call the engine without the engine
 * calling the supervisor.
 */
#include <string.h>

#include "engine.h"
#include "engine_isolate.h"
#include "run_plan.h"

int sl_engine_run(sl_pipeline *pipeline, const char *const *inputs, size_t n,
                  const sl_run_options *options, sl_run_result *result,
                  char **message)
{
    /* the one place the run's files are checked and locked */
    sl_run_plan *plan = sl_run_plan_open(pipeline, inputs, n, options, message);
    if (!plan) {
        memset(result, 0, sizeof *result);
        return -1;
    }
    int rc = options->isolate
                 ? sl_isolate_run(pipeline, inputs, n, options, result, message)
                 : sl_engine_run_once(pipeline, inputs, n, options, NULL,
                                      result, message);
    sl_run_plan_close(plan);
    return rc;
}
