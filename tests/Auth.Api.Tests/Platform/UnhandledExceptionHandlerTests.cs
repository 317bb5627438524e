using System.Text.Json;
using Auth.Api.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Auth.Api.Tests.Platform;

/// <summary>
/// What the exception handler answers for the failures a race or an outage can cause, beside the functional tests that
/// reach them through the pipeline (a write that loses a race ten times over cannot be brought about on demand).
/// </summary>
public sealed class UnhandledExceptionHandlerTests
{
    [Test]
    public async Task A_write_that_lost_a_race_on_a_rows_version_is_409_conflict_not_a_server_error()
    {
        var (status, body) = await HandleAsync("/admin/v1/users/u1/disable", new DbUpdateConcurrencyException("The row changed."));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(StatusCodes.Status409Conflict));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("conflict"));
            Assert.That(body.GetProperty("error_description").GetString(), Does.Contain("nothing was saved"));
        });
    }

    [Test]
    public async Task Any_other_exception_is_500_with_a_correlation_id_and_not_its_message()
    {
        var (status, body) = await HandleAsync("/admin/v1/users", new InvalidOperationException("secret detail"));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(StatusCodes.Status500InternalServerError));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("server_error"));
            Assert.That(body.GetProperty("error_description").GetString(), Does.Contain("correlation id").And.Not.Contain("secret detail"));
        });
    }

    private static async Task<(int Status, JsonElement Body)> HandleAsync(string path, Exception exception)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        var handled = await new UnhandledExceptionHandler(NullLogger<UnhandledExceptionHandler>.Instance).TryHandleAsync(context, exception, CancellationToken.None);
        Assert.That(handled, Is.True);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, JsonDocument.Parse(context.Response.Body).RootElement.Clone());
    }
}
