// Entra Agent Bridge as an Azure Function app on Flex Consumption (FC1, Linux, Java 21): the HTTP contract and
// the timer-triggered credential health check of functions-azure/. It signs in to Entra as its user-assigned
// managed identity, which the agent identity blueprint trusts through one federated identity credential (the
// outputs are its issuer and subject). Nothing in the app settings is a key: storage and Application Insights
// are reached with the same identity.

@description('Where everything is deployed.')
param location string = resourceGroup().location

@description('A short lower-case prefix of every resource name.')
@minLength(2)
@maxLength(10)
param namePrefix string = 'eab'

@description('The agent identities\' home tenant (ENTRA_TENANT_ID).')
param entraTenantId string = tenant().tenantId

@description('The agent identity blueprint\'s appId (ENTRA_BLUEPRINT_CLIENT_ID).')
param entraBlueprintClientId string

@description('BRIDGE_AGENTS: name=<agent identity appId>[:<agent user>],...')
param bridgeAgents string

@description('BRIDGE_CALLERS (required): the issuers whose JWTs authenticate callers, {"trustedIssuers":[...]}.')
param bridgeCallers string

@description('BRIDGE_POLICY: which caller may use which agent, API and flow. The default grants nothing.')
param bridgePolicy string = '{"rules":[]}'

@description('BRIDGE_HEALTH_SCHEDULE: the health timer\'s six-field NCRONTAB (the host needs the setting).')
param healthSchedule string = '0 */15 * * * *'

@description('Optional address the health alert mails (no action group without it).')
param alertEmail string = ''

@description('Memory of each instance (MB).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Upper bound of instances the plan scales to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Retention of the Log Analytics workspace behind Application Insights (days).')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

var suffix = uniqueString(resourceGroup().id, namePrefix)
var appName = '${namePrefix}-func-${suffix}'
var deploymentContainer = 'app-package'
// Built-in roles the identity needs, and nothing more: the host's blobs (timer leases, keys, the stored health
// report, the deployment package) and publishing telemetry with Entra authentication.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id-${suffix}'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: toLower('${namePrefix}st${suffix}')
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainer
  properties: {
    publicAccess: 'None'
  }
}

// The timer writes its last report here (entra-agent-bridge/credential-health.json) for GET /api/health.
resource reportContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'entra-agent-bridge'
  properties: {
    publicAccess: 'None'
  }
}

resource storageRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, storageBlobDataOwner)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-log-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-appi-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Only Entra-authenticated telemetry is accepted: the connection string alone cannot write.
    DisableLocalAuth: true
  }
}

resource insightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: insights
  name: guid(insights.id, identity.id, monitoringMetricsPublisher)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      // Flex Consumption names the language here; FUNCTIONS_WORKER_RUNTIME is not an app setting on this plan.
      runtime: {
        name: 'java'
        version: '21'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // The host's storage, through the identity (no account key, no connection string).
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identity.properties.clientId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: insights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identity.properties.clientId};Authorization=AAD'
        }
        {
          name: 'BRIDGE_HEALTH_SCHEDULE'
          value: healthSchedule
        }
        {
          name: 'ENTRA_TENANT_ID'
          value: entraTenantId
        }
        {
          name: 'ENTRA_BLUEPRINT_CLIENT_ID'
          value: entraBlueprintClientId
        }
        {
          name: 'BRIDGE_CREDENTIAL_SOURCE'
          value: 'managed-identity'
        }
        {
          name: 'BRIDGE_MANAGED_IDENTITY_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'BRIDGE_AGENTS'
          value: bridgeAgents
        }
        {
          name: 'DownstreamApis__graph__BaseUrl'
          value: 'https://graph.microsoft.com/v1.0/'
        }
        {
          name: 'DownstreamApis__graph__Scopes__0'
          value: 'https://graph.microsoft.com/.default'
        }
        {
          name: 'BRIDGE_CALLERS'
          value: bridgeCallers
        }
        {
          name: 'BRIDGE_POLICY'
          value: bridgePolicy
        }
      ]
    }
  }
  dependsOn: [
    storageRole
    insightsRole
  ]
}

resource alertActions 'Microsoft.Insights/actionGroups@2018-03-01' = if (!empty(alertEmail)) {
  name: '${namePrefix}-ag-${suffix}'
  location: 'global'
  properties: {
    groupShortName: 'eab-health'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
      }
    ]
  }
}

// Fires when a run's overall check failed, and when no run reported at all (a timer that stopped, or a
// configuration the function could not start with), over the last hour.
resource healthAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${namePrefix}-health-${suffix}'
  location: location
  properties: {
    displayName: 'Entra Agent Bridge credential health'
    description: 'A credential health check failed, or none ran: read the credential_health traces of the function app.'
    severity: 1
    enabled: true
    scopes: [
      insights.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: 'traces | where message startswith \'{"event":"credential_health"\' | extend r = parse_json(message) | where tostring(r.check) == "overall" | summarize runs = count(), failed = countif(toint(r.failed) == 1) | where runs == 0 or failed > 0'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: empty(alertEmail) ? [] : [
        alertActions.id
      ]
    }
  }
}

@description('FIC subject: the user-assigned identity\'s principal (object) id.')
output identityPrincipalId string = identity.properties.principalId

@description('FIC issuer: the identity\'s tenant\'s v2.0 issuer.')
output identityIssuer string = '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'

@description('The identity\'s client id (BRIDGE_MANAGED_IDENTITY_CLIENT_ID).')
output identityClientId string = identity.properties.clientId

@description('The function app\'s name, for the zip deployment.')
output functionAppName string = app.name

@description('The HTTP contract\'s base URL.')
output functionAppUrl string = 'https://${app.properties.defaultHostName}/api'
