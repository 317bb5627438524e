using Auth.Api.Errors;

namespace Auth.Api.Startup;

public static class RequestHold
{
    /// <summary>
    /// The first middleware: a request waits until <paramref name="ready"/> completes, then goes on when it completed
    /// with true; otherwise (the store refused its seed, or failed) it is answered 503 with the error body while the
    /// process stops. Liveness (<c>/health/live</c>: the process answers, whatever its dependencies say) that arrives
    /// while the preparation runs and <paramref name="alive"/> says the server can answer (its signing keys loaded: the
    /// token server refuses every request before) goes through, so the start can warm itself with it
    /// (<see cref="FirstRequestWarmUp"/>); one that arrived before is held like the rest and shares their outcome.
    /// Once ready, the cost is one completed-task check per request.
    /// </summary>
    public static WebApplication HoldRequestsUntil(this WebApplication app, Task<bool> ready, Func<bool> alive)
    {
        app.Use(async (context, next) =>
        {
            bool Ready() => ready.IsCompletedSuccessfully && ready.Result;
            var goesOn = Ready() ||
                (!ready.IsCompleted && alive() && context.Request.Path.Equals(Routes.Liveness, StringComparison.OrdinalIgnoreCase));
            if (!goesOn)
            {
                try
                {
                    await ready.WaitAsync(context.RequestAborted);
                }
                catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
                {
                    // The start failed; the host reports it and stops.
                }

                if (!Ready())
                {
                    await ErrorWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable);
                    return;
                }
            }

            await next(context);
        });
        return app;
    }
}
