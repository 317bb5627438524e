namespace Auth.Api;

/// <summary>Upper bounds on what a request may carry; larger requests get 413 or 400 before any work is done.</summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;

    public const int MaxFormValues = 64;

    public const int MaxFormValueBytes = 16 * 1024;
}
