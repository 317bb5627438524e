using System.Globalization;
using Auth.Application.Results;

namespace Auth.Application.Scim.Filters;

/// <summary>
/// Parses the <c>path</c> of a PATCH operation (RFC 7644 §3.5.2): PATH = attrPath / valuePath [subAttr].
/// Bad input is an <see cref="ErrorKind.Invalid"/> result (SCIM's <c>invalidPath</c>), never an exception;
/// the value filter obeys the same <see cref="ScimFilterLimits"/> as a query filter.
/// </summary>
public static class ScimPatchPathParser
{
    public static Result<ScimPatchPath> Parse(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
            return Error.Invalid("The path is empty.");
        if (path.Length > ScimFilterLimits.MaxLength)
            return Error.Invalid(string.Create(
                CultureInfo.InvariantCulture, $"The path is longer than the limit of {ScimFilterLimits.MaxLength} characters."));

        var scanner = new ScimFilterScanner(path, "path");
        scanner.SkipWhitespace();
        var patchPath = Read(scanner);
        return patchPath is null ? Error.Invalid(scanner.Error!) : patchPath;
    }

    private static ScimPatchPath? Read(ScimFilterScanner scanner)
    {
        var start = scanner.Position;
        var attribute = scanner.ReadAttributePath();
        if (attribute is null)
            return null;

        ScimFilter? valueFilter = null;
        string? subAttribute = null;
        if (scanner.IsAt('['))
        {
            if (attribute.SubAttribute is not null)
                return scanner.Fail<ScimPatchPath>("A value filter applies to an attribute, not to a sub-attribute", start);
            valueFilter = new ScimFilterParser(scanner).ParseValueFilter(depth: 0);
            if (valueFilter is null)
                return null;
            if (scanner.TryConsume('.'))
            {
                subAttribute = scanner.ReadAttributeName();
                if (subAttribute is null)
                    return null;
            }
        }

        scanner.SkipWhitespace();
        if (!scanner.AtEnd)
            return scanner.Fail<ScimPatchPath>(valueFilter is null ? "Expected '[' or the end of the path" : "Expected '.' or the end of the path");
        return new ScimPatchPath(attribute, valueFilter, subAttribute);
    }
}
