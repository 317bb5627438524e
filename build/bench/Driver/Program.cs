using System.Globalization;
using Auth.Bench;

// Verbs of the bench driver; each prints its measurements as one JSON line per result (see Measurement).
var arguments = Arguments.Parse(args.Skip(1));
return args.FirstOrDefault() switch
{
    "rsa" => Ceilings.Rsa(arguments),
    "pbkdf2" => Ceilings.Pbkdf2(arguments),
    "framework" => await FrameworkCeiling.RunAsync(arguments),
    "seed-scim" => await Seeding.ScimUsersAsync(arguments),
    "seed-users" => await Seeding.SignInUsersAsync(arguments),
    "signin" => await SignInScenario.RunAsync(arguments),
    "codeflow" => await CodeFlowScenario.RunAsync(arguments),
    "totp" => await TotpScenario.RunAsync(arguments),
    "startup" => await StartupScenario.RunAsync(arguments),
    "propagation" => await PropagationScenario.RunAsync(arguments),
    "report" => Report.Write(arguments),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"usage: Driver rsa|pbkdf2|framework|seed-scim|seed-users|signin|codeflow|totp|startup|propagation|report --option value ..."));
    return 2;
}
