using OrdersApi;

// A resource server that trusts the Auth service: JWT access tokens for the audience orders-api, the scope orders.read
// for every route. Auth:Issuer names the server (the test suite gives its AuthTestServer's issuer).
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOrdersAuthentication(builder.Configuration);
var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapOrders();
app.Run();

/// <summary>For the tests' WebApplicationFactory.</summary>
public partial class Program;
