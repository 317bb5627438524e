using System.Text;
using System.Text.Json.Serialization;
using FluentValidation.Results;

namespace Auth.Api.Errors;

/// <summary>
/// One broken rule of a request, named by the member's path in the request's JSON (snake_case, with indexes:
/// <c>redirect_uris[0]</c>) so an automation can point at the field it sent.
/// </summary>
public sealed record FieldError(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("message")] string Message)
{
    public static FieldError From(ValidationFailure failure) =>
        new(JsonPath(failure.PropertyName), ErrorBody.Sanitize(failure.ErrorMessage));

    /// <summary><c>Client.RedirectUris[0]</c> → <c>client.redirect_uris[0]</c>; a rule on the whole request has an empty path.</summary>
    public static string JsonPath(string propertyPath)
    {
        var path = new StringBuilder(propertyPath.Length + 8);
        var startOfWord = true;
        foreach (var c in propertyPath)
        {
            if (char.IsUpper(c))
            {
                if (!startOfWord)
                {
                    path.Append('_');
                }

                path.Append(char.ToLowerInvariant(c));
            }
            else
            {
                path.Append(c);
            }

            startOfWord = c is '.' or '[' or ']';
        }

        return path.ToString();
    }
}
