using Auth.Api.Errors;

namespace Auth.Api.Startup;

public static class RequestHold
{
    /// <summary>
    /// The first middleware: a request waits until <paramref name="ready"/> completes, then goes on when it completed
    /// with true; otherwise (the store refused its seed, or failed) it is answered 503 with the error body while the
    /// process stops. Once ready, the cost is one completed-task check per request.
    /// </summary>
    public static WebApplication HoldRequestsUntil(this WebApplication app, Task<bool> ready)
    {
        app.Use(async (context, next) =>
        {
            if (!ready.IsCompletedSuccessfully)
            {
                try
                {
                    await ready.WaitAsync(context.RequestAborted);
                }
                catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
                {
                    // The start failed; the host reports it and stops.
                }
            }

            if (!ready.IsCompletedSuccessfully || !ready.Result)
            {
                await ErrorWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable);
                return;
            }

            await next(context);
        });
        return app;
    }
}
