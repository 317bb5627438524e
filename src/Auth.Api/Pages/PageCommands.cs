using Auth.Application.Behaviours;
using Auth.Application.Results;
using Mediator;

namespace Auth.Api.Pages;

/// <summary>How a page's form sends its command: what the command's validator refuses is the form's failure, not an error page.</summary>
public static class PageCommands
{
    public static async Task<Result<T>> TrySendAsync<T>(this ISender sender, ICommand<Result<T>> command, CancellationToken cancellationToken)
    {
        try
        {
            return await sender.Send(command, cancellationToken);
        }
        catch (RequestValidationException ex)
        {
            return Error.Invalid(ex.Message);
        }
    }

    /// <summary>A page's query; what its validator refuses (a filter too long) is the page's failure.</summary>
    public static async Task<Result<T>> TryAskAsync<T>(this ISender sender, IQuery<T> query, CancellationToken cancellationToken)
    {
        try
        {
            return await sender.Send(query, cancellationToken);
        }
        catch (RequestValidationException ex)
        {
            return Error.Invalid(ex.Message);
        }
    }
}
