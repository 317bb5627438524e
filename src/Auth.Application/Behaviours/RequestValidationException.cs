using FluentValidation.Results;

namespace Auth.Application.Behaviours;

/// <summary>Raised by the validation behaviour when a request breaks its validator's rules; the edge turns it into a 400.</summary>
public sealed class RequestValidationException : Exception
{
    public RequestValidationException(IReadOnlyList<ValidationFailure> failures)
        : base(string.Join(" ", failures.Select(f => f.ErrorMessage)))
    {
        Failures = failures;
    }

    public IReadOnlyList<ValidationFailure> Failures { get; }
}
