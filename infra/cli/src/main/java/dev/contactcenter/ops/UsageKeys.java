package dev.contactcenter.ops;

/**
 * The API Gateway side of a tenant: an API key in the usage plan that throttles it. The authorizer
 * returns the key's value as the usage identifier. Kept behind this interface so everything else
 * runs against DynamoDB Local.
 */
public interface UsageKeys {
    /** Creates the tenant's API key, adds it to the usage plan and returns the key's value. */
    String issue(String tenantId, String usagePlanId);
}
