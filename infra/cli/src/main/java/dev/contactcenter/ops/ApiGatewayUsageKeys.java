package dev.contactcenter.ops;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClientBuilder;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyResponse;

/** Usage-plan keys in API Gateway, with the default credential chain. */
final class ApiGatewayUsageKeys implements UsageKeys {
    private final ApiGatewayClient apiGateway;

    ApiGatewayUsageKeys(String region) {
        ApiGatewayClientBuilder builder = ApiGatewayClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (region != null) {
            builder.region(Region.of(region));
        }
        this.apiGateway = builder.build();
    }

    @Override
    public String issue(String tenantId, String usagePlanId) {
        // API Gateway generates the value; it never leaves AWS and the tenant's table item
        CreateApiKeyResponse key = apiGateway.createApiKey(
                b -> b.name("tenant-" + tenantId).enabled(true).description("Usage-plan key of tenant " + tenantId));
        apiGateway.createUsagePlanKey(
                b -> b.usagePlanId(usagePlanId).keyId(key.id()).keyType("API_KEY"));
        return key.value();
    }
}
