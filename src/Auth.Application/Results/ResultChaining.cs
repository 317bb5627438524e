namespace Auth.Application.Results;

/// <summary>
/// Steps of a use case that can each fail, run one after the other: a step runs only when the one before it
/// succeeded, and the first error is the outcome.
/// </summary>
public static class ResultChaining
{
    public static Result<TNext> Then<T, TNext>(this Result<T> result, Func<T, Result<TNext>> next) =>
        result.Succeeded ? next(result.Value) : result.Error;

    public static async Task<Result<TNext>> ThenAsync<T, TNext>(this Result<T> result, Func<T, Task<Result<TNext>>> next) =>
        result.Succeeded ? await next(result.Value) : result.Error;

    public static async Task<Result<TNext>> ThenAsync<T, TNext>(this Task<Result<T>> result, Func<T, Task<Result<TNext>>> next) =>
        await (await result).ThenAsync(next);
}
