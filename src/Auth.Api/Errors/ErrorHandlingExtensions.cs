namespace Auth.Api.Errors;

public static class ErrorHandlingExtensions
{
    /// <summary>
    /// Exceptions go to <see cref="UnhandledExceptionHandler"/>; empty error responses (404 and 405 from routing,
    /// 415 from the framework) get the documented JSON body, in the SCIM error schema under /scim.
    /// </summary>
    public static WebApplication UseErrorBodies(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode >= 400 && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
            {
                // RFC 7644 §3.12: SCIM clients read errors in the SCIM schema, also for paths and methods that do not exist.
                await (context.HttpContext.Request.Path.StartsWithSegments(Routes.Scim)
                    ? Scim.ScimResponses.RoutingError(response.StatusCode).ExecuteAsync(context.HttpContext)
                    : ErrorWriter.WriteAsync(context.HttpContext, response.StatusCode));
            }
        });
        return app;
    }
}
