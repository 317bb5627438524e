using System.Text.Json.Nodes;
using Auth.Application.Scim;

namespace Auth.Api.Scim;

/// <summary>
/// The schemas this server implements (RFC 7643 §7), with the attributes it stores and the rules it applies to them:
/// ids compare case-exactly, and a group's displayName is unique (per provisioning client) while
/// Scim:UniqueGroupDisplayName is on.
/// </summary>
public static class ScimSchemaDocuments
{
    private static readonly IReadOnlyList<JsonObject> WithUniqueGroupNames = [User(), EnterpriseUser(), Group(uniqueDisplayName: true)];
    private static readonly IReadOnlyList<JsonObject> WithoutUniqueGroupNames = [User(), EnterpriseUser(), Group(uniqueDisplayName: false)];

    /// <summary>The documents for these settings, each a copy whose meta.location is under <paramref name="baseUrl"/>.</summary>
    public static IReadOnlyList<JsonObject> For(ScimOptions options, string baseUrl) =>
        (options.UniqueGroupDisplayName ? WithUniqueGroupNames : WithoutUniqueGroupNames).Select(schema =>
        {
            var copy = (JsonObject)schema.DeepClone();
            copy["meta"]!["location"] = baseUrl + "Schemas/" + (string)copy["id"]!;
            return copy;
        }).ToList();

    private static JsonObject User() => Schema(ScimSchemas.User, "User", "User Account",
        Text("userName", required: true, uniqueness: "server"),
        Complex("name", Text("formatted"), Text("familyName"), Text("givenName"), Text("middleName"), Text("honorificPrefix"), Text("honorificSuffix")),
        Text("displayName"), Text("nickName"), Text("profileUrl"), Text("title"), Text("userType"), Text("preferredLanguage"),
        Text("locale"), Text("timezone"),
        Attribute("active", "boolean"),
        Attribute("password", "string", mutability: "writeOnly", returned: "never"),
        MultiValued("emails", Text("value"), Text("type"), Attribute("primary", "boolean"), Text("display")),
        MultiValued("phoneNumbers", Text("value"), Text("type"), Attribute("primary", "boolean"), Text("display")),
        MultiValued("addresses", Text("formatted"), Text("streetAddress"), Text("locality"), Text("region"), Text("postalCode"),
            Text("country"), Text("type"), Attribute("primary", "boolean")),
        MultiValued("groups", mutability: "readOnly", Text("value", mutability: "readOnly", caseExact: true), Text("display", mutability: "readOnly"), Text("type", mutability: "readOnly")));

    private static JsonObject EnterpriseUser() => Schema(ScimSchemas.EnterpriseUser, "EnterpriseUser", "Enterprise User",
        Text("employeeNumber"), Text("costCenter"), Text("organization"), Text("division"), Text("department"),
        Complex("manager", Text("value", caseExact: true), Text("displayName", mutability: "readOnly")));

    private static JsonObject Group(bool uniqueDisplayName) => Schema(ScimSchemas.Group, "Group", "Group",
        Text("displayName", required: true, uniqueness: uniqueDisplayName ? "server" : "none"),
        MultiValued("members", mutability: "readWrite", Text("value", mutability: "immutable", caseExact: true), Text("display", mutability: "readOnly"),
            Text("type", mutability: "immutable")));

    private static JsonObject Schema(string id, string name, string description, params JsonObject[] attributes) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.Schema),
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["attributes"] = new JsonArray([.. attributes]),
        ["meta"] = new JsonObject { ["resourceType"] = "Schema" },
    };

    private static JsonObject Text(string name, bool required = false, string mutability = "readWrite", string uniqueness = "none", bool caseExact = false)
    {
        var attribute = Attribute(name, "string", required, mutability, "default", uniqueness);
        attribute["caseExact"] = caseExact;
        return attribute;
    }

    private static JsonObject Attribute(string name, string type, bool required = false, string mutability = "readWrite", string returned = "default", string uniqueness = "none") => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["multiValued"] = false,
        ["required"] = required,
        ["caseExact"] = false,
        ["mutability"] = mutability,
        ["returned"] = returned,
        ["uniqueness"] = uniqueness,
    };

    private static JsonObject Complex(string name, params JsonObject[] subAttributes)
    {
        var attribute = Attribute(name, "complex");
        attribute["subAttributes"] = new JsonArray([.. subAttributes]);
        return attribute;
    }

    private static JsonObject MultiValued(string name, params JsonObject[] subAttributes) => MultiValued(name, "readWrite", subAttributes);

    private static JsonObject MultiValued(string name, string mutability, params JsonObject[] subAttributes)
    {
        var attribute = Complex(name, subAttributes);
        attribute["multiValued"] = true;
        attribute["mutability"] = mutability;
        return attribute;
    }
}
