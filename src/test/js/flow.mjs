// The bake flow, driven by the Azure SDK for JavaScript against the ARM emulator: a second real client besides the
// Java SDK. JavaScriptSdkFlowTest runs it with
//   ARM_ENDPOINT          the emulator's base URL, e.g. https://127.0.0.1:8443/
//   AZURE_SUBSCRIPTION_ID a subscription the emulator knows
//   NODE_EXTRA_CA_CERTS   the emulator's certificate (PEM), so that TLS trusts it
//   POLL_INTERVAL_MS      (optional) how often long-running operations are polled, default 100
// Every step asserts what it expects; the first failure prints what went wrong and exits with status 1.
import { ClientSecretCredential } from "@azure/identity";
import { ResourceManagementClient } from "@azure/arm-resources";
import { NetworkManagementClient } from "@azure/arm-network";
import { ComputeManagementClient } from "@azure/arm-compute";

const endpoint = requiredEnv("ARM_ENDPOINT").replace(/\/+$/, "");
const subscriptionId = requiredEnv("AZURE_SUBSCRIPTION_ID");
const poll = { updateIntervalInMs: Number(process.env.POLL_INTERVAL_MS ?? "100") };
const location = "westeurope";
const sshKey =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHv0zJ0c6uQ5V1m0yJmT4hT3p3ZKq0c3mFz8cJ0lq1Xb js-flow@emulator";

// A token from the emulator's ADFS-style token endpoint (client credentials), as a custom cloud would issue it.
const credential = new ClientSecretCredential("adfs", "js-flow-client", "js-flow-secret", {
  authorityHost: endpoint,
  disableInstanceDiscovery: true,
});
const scopes = [`${endpoint}/.default`];
const resources = new ResourceManagementClient(credential, subscriptionId, {
  endpoint,
  $host: endpoint,
  credentialScopes: scopes,
});
const network = new NetworkManagementClient(credential, subscriptionId, {
  endpoint,
  $host: endpoint,
  credentialScopes: scopes,
});
const compute = new ComputeManagementClient(credential, subscriptionId, {
  endpoint,
  $host: endpoint,
  credentialScopes: scopes,
});
// Every api-version the SDK sends, per provider and resource type, printed at the end.
const apiVersions = new Map();
for (const client of [resources, network, compute]) {
  client.pipeline.addPolicy({
    name: "recordApiVersion",
    async sendRequest(request, next) {
      const url = new URL(request.url);
      const version = url.searchParams.get("api-version");
      const match = url.pathname.match(/\/providers\/([^/]+)\/([^/]+)/i);
      const type = match ? `${match[1]}/${match[2]}` : "Microsoft.Resources/resourceGroups";
      if (version) {
        if (!apiVersions.has(type)) apiVersions.set(type, new Set());
        apiVersions.get(type).add(version);
      }
      return next(request);
    },
  });
}

const buildRg = "js-build-rg";
const imagesRg = "js-images-rg";
const vmName = "js-vm";
const galleryName = "js_gallery";
const definitionName = "js-ubuntu";
const versionName = "1.0.0";
let step = 0;
const started = Date.now();

async function main() {
  await run("create resource groups", async () => {
    for (const name of [buildRg, imagesRg]) {
      const rg = await resources.resourceGroups.createOrUpdate(name, { location });
      expectEqual(rg.name, name, "resource group name");
      expectEqual(rg.properties?.provisioningState, "Succeeded", `${name} provisioningState`);
    }
    const exists = await resources.resourceGroups.checkExistence(buildRg);
    expectEqual(exists.body, true, "checkExistence of the build resource group");
  });

  let subnetId;
  await run("create a virtual network with a subnet", async () => {
    const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait(
      buildRg,
      "js-vnet",
      {
        location,
        addressSpace: { addressPrefixes: ["10.20.0.0/16"] },
        subnets: [{ name: "default", addressPrefix: "10.20.1.0/24" }],
      },
      poll,
    );
    expectEqual(vnet.provisioningState, "Succeeded", "vnet provisioningState");
    const subnet = await network.subnets.get(buildRg, "js-vnet", "default");
    expectEqual(subnet.addressPrefix, "10.20.1.0/24", "subnet addressPrefix");
    subnetId = subnet.id;
  });

  let nsgId;
  await run("create a network security group without inbound rules", async () => {
    // The build VM has no public IP and no inbound rule (DESIGN.md, step 3): only Azure's six default rules apply.
    const nsg = await network.networkSecurityGroups.beginCreateOrUpdateAndWait(
      buildRg,
      "js-nsg",
      { location, securityRules: [] },
      poll,
    );
    expectEqual(nsg.provisioningState, "Succeeded", "NSG provisioningState");
    expectEqual(nsg.securityRules?.length, 0, "NSG securityRules");
    const defaults = (nsg.defaultSecurityRules ?? []).map((r) => r.name).sort();
    expectEqual(defaults.length, 6, `number of default security rules (${defaults})`);
    expect(defaults.includes("DenyAllInBound"), `default rules ${defaults} include DenyAllInBound`);
    nsgId = nsg.id;
  });

  let nicId;
  await run("create a network interface in the subnet, behind the NSG", async () => {
    const nic = await network.networkInterfaces.beginCreateOrUpdateAndWait(
      buildRg,
      "js-nic",
      {
        location,
        networkSecurityGroup: { id: nsgId },
        ipConfigurations: [
          { name: "ipconfig1", subnet: { id: subnetId }, privateIPAllocationMethod: "Dynamic" },
        ],
      },
      poll,
    );
    expectEqual(nic.provisioningState, "Succeeded", "NIC provisioningState");
    expectEqual(nic.networkSecurityGroup?.id?.toLowerCase(), nsgId.toLowerCase(), "NIC networkSecurityGroup");
    // Azure keeps the subnet's first four addresses, so the first dynamic address is .4.
    expectEqual(nic.ipConfigurations?.[0]?.privateIPAddress, "10.20.1.4", "NIC private IP in 10.20.1.0/24");
    nicId = nic.id;
  });

  let vmId;
  await run("create a Linux VM from Canonical:ubuntu-24_04-lts:server:latest", async () => {
    const vm = await compute.virtualMachines.beginCreateOrUpdateAndWait(
      buildRg,
      vmName,
      {
        location,
        hardwareProfile: { vmSize: "Standard_D2s_v5" },
        storageProfile: {
          imageReference: {
            publisher: "Canonical",
            offer: "ubuntu-24_04-lts",
            sku: "server",
            version: "latest",
          },
          osDisk: { createOption: "FromImage", deleteOption: "Delete", managedDisk: { storageAccountType: "Premium_LRS" } },
        },
        osProfile: {
          computerName: vmName,
          adminUsername: "azureuser",
          linuxConfiguration: {
            disablePasswordAuthentication: true,
            ssh: { publicKeys: [{ path: "/home/azureuser/.ssh/authorized_keys", keyData: sshKey }] },
          },
        },
        networkProfile: { networkInterfaces: [{ id: nicId, primary: true }] },
      },
      poll,
    );
    expectEqual(vm.provisioningState, "Succeeded", "VM provisioningState");
    expectEqual(vm.storageProfile?.osDisk?.osType, "Linux", "VM osType");
    const exact = vm.storageProfile?.imageReference?.exactVersion ?? "";
    expect(exact.startsWith("24.04."), `exactVersion ${exact} is an Ubuntu 24.04 image version`);
    expectEqual(await powerState(vmName), "PowerState/running", "power state after create");
    vmId = vm.id;
  });

  await run("deprovision with a detached managed run command and wait until the VM stops", async () => {
    const command = await compute.virtualMachineRunCommands.beginCreateOrUpdateAndWait(
      buildRg,
      vmName,
      "deprovision",
      {
        location,
        source: {
          script:
            "nohup sh -c 'sleep 5; waagent -force -deprovision+user && shutdown -h now' >/dev/null 2>&1 &",
        },
        asyncExecution: true,
        timeoutInSeconds: 600,
      },
      poll,
    );
    expectEqual(command.provisioningState, "Succeeded", "run command provisioningState");
    const view = await compute.virtualMachineRunCommands.getByVirtualMachine(buildRg, vmName, "deprovision", {
      expand: "instanceView",
    });
    expect(view.instanceView !== undefined, "the run command has an instance view");
    const deadline = Date.now() + 30_000;
    let state = await powerState(vmName);
    while (state !== "PowerState/stopped") {
      if (Date.now() > deadline) {
        throw new Error(`the VM never stopped after the deprovision command; its power state is ${state}`);
      }
      await sleep(200);
      state = await powerState(vmName);
    }
  });

  await run("deallocate and generalize the VM", async () => {
    await compute.virtualMachines.beginDeallocateAndWait(buildRg, vmName, poll);
    expectEqual(await powerState(vmName), "PowerState/deallocated", "power state after deallocate");
    await compute.virtualMachines.generalize(buildRg, vmName);
    const view = await compute.virtualMachines.instanceView(buildRg, vmName);
    const codes = (view.statuses ?? []).map((s) => s.code);
    expect(codes.includes("OSState/generalized"), `instance view statuses ${codes} include OSState/generalized`);
  });

  await run("refusal: a generalized VM cannot start", async () => {
    // Code and message: CRP's error table (MicrosoftDocs/azure-docs includes/virtual-machines-common-error-messages.md,
    // "OperationNotAllowed | Operation '{0}' is not allowed on VM '{1}' since the VM is generalized."); status 409, as
    // Azure answers a refused power action to this SDK (PierreBeucher/cloudypad#69: RestError OperationNotAllowed 409).
    await expectRefusal(() => compute.virtualMachines.beginStartAndWait(buildRg, vmName, poll), 409, "OperationNotAllowed");
  });

  let imageId;
  await run("refusal: a managed image of a Gen2 VM cannot be hyperVGeneration V1", async () => {
    // Azure: "(InvalidParameter) The Input HyperVGeneration property: 'V1' does not match with the HyperVGeneration
    // property: 'Gen2' belonging to source: 'sourceVirtualMachine'." (MicrosoftDocs/azure-docs#74849).
    await expectRefusal(
      () =>
        compute.images.beginCreateOrUpdateAndWait(
          buildRg,
          "js-image-v1",
          { location, sourceVirtualMachine: { id: vmId }, hyperVGeneration: "V1" },
          poll,
        ),
      400,
      "InvalidParameter",
    );
  });

  await run("capture a managed image (hyperVGeneration V2) from the VM", async () => {
    const image = await compute.images.beginCreateOrUpdateAndWait(
      buildRg,
      "js-image",
      { location, sourceVirtualMachine: { id: vmId }, hyperVGeneration: "V2" },
      poll,
    );
    expectEqual(image.provisioningState, "Succeeded", "image provisioningState");
    expectEqual(image.hyperVGeneration, "V2", "image hyperVGeneration");
    expectEqual(image.storageProfile?.osDisk?.osState, "Generalized", "image osState");
    imageId = image.id;
  });

  await run("refusal: a gallery name with a hyphen", async () => {
    // Azure: Status=400 Code="BadRequest" Message="Gallery name is invalid. ..." (hashicorp/terraform-provider-azurerm
    // #2081); the message as documented today: MicrosoftDocs/azure-docs troubleshooting-shared-images.md.
    await expectRefusal(
      () => compute.galleries.beginCreateOrUpdateAndWait(imagesRg, "js-gallery", { location }, poll),
      400,
      "BadRequest",
    );
  });

  await run("create a gallery and an image definition", async () => {
    const gallery = await compute.galleries.beginCreateOrUpdateAndWait(
      imagesRg,
      galleryName,
      { location, description: "JS SDK flow" },
      poll,
    );
    expectEqual(gallery.provisioningState, "Succeeded", "gallery provisioningState");
    const definition = await compute.galleryImages.beginCreateOrUpdateAndWait(
      imagesRg,
      galleryName,
      definitionName,
      {
        location,
        osType: "Linux",
        osState: "Generalized",
        hyperVGeneration: "V2",
        identifier: { publisher: "imagebaker", offer: "js-flow", sku: "ubuntu-24_04" },
      },
      poll,
    );
    expectEqual(definition.provisioningState, "Succeeded", "definition provisioningState");
    expectEqual(definition.hyperVGeneration, "V2", "definition hyperVGeneration");
    expectEqual(definition.osState, "Generalized", "definition osState");
  });

  await run("create an image version replicated to two regions, standard_zrs in lower case", async () => {
    const version = await compute.galleryImageVersions.beginCreateOrUpdateAndWait(
      imagesRg,
      galleryName,
      definitionName,
      versionName,
      {
        location,
        publishingProfile: {
          targetRegions: [
            { name: "westeurope", regionalReplicaCount: 1, storageAccountType: "standard_zrs" },
            { name: "northeurope", regionalReplicaCount: 1, storageAccountType: "standard_zrs" },
          ],
        },
        storageProfile: { source: { id: imageId } },
      },
      poll,
    );
    expectEqual(version.provisioningState, "Succeeded", "version provisioningState");
    const regions = (version.publishingProfile?.targetRegions ?? []).map((r) => normalizeRegion(r.name)).sort();
    expectEqual(regions.join(","), "northeurope,westeurope", "target regions");
    // Sent as "standard_zrs"; Azure matches enum values without regard to case and answers its own spelling.
    const storage = (version.publishingProfile?.targetRegions ?? []).map((r) => r.storageAccountType);
    expectEqual(storage.join(","), "Standard_ZRS,Standard_ZRS", "storageAccountType of the target regions");
    const withStatus = await compute.galleryImageVersions.get(imagesRg, galleryName, definitionName, versionName, {
      expand: "ReplicationStatus",
    });
    expectEqual(
      withStatus.replicationStatus?.aggregatedState,
      "Completed",
      "replicationStatus.aggregatedState",
    );
  });

  await run("update the version to excludeFromLatest=true", async () => {
    const updated = await compute.galleryImageVersions.beginUpdateAndWait(
      imagesRg,
      galleryName,
      definitionName,
      versionName,
      { publishingProfile: { excludeFromLatest: true } },
      poll,
    );
    expectEqual(updated.provisioningState, "Succeeded", "version provisioningState after update");
    const version = await compute.galleryImageVersions.get(imagesRg, galleryName, definitionName, versionName);
    expectEqual(version.publishingProfile?.excludeFromLatest, true, "excludeFromLatest after update");
  });

  await run("refusal: a definition that still has versions cannot be deleted", async () => {
    // Azure: "unexpected status 409 (409 Conflict) with error: CannotDeleteResource: Cannot delete resource while
    // nested resources exist. ..." on deleting a gallery image with versions (jenkins-infra/azure#1544).
    await expectRefusal(
      () => compute.galleryImages.beginDeleteAndWait(imagesRg, galleryName, definitionName, poll),
      409,
      "CannotDeleteResource",
    );
  });

  await run("delete the version, the definition and the gallery", async () => {
    await compute.galleryImageVersions.beginDeleteAndWait(imagesRg, galleryName, definitionName, versionName, poll);
    await compute.galleryImages.beginDeleteAndWait(imagesRg, galleryName, definitionName, poll);
    await compute.galleries.beginDeleteAndWait(imagesRg, galleryName, poll);
    await expectRefusal(() => compute.galleries.get(imagesRg, galleryName), 404, "ResourceNotFound");
  });

  await run("delete the image, the VM, the NIC, the NSG and the virtual network", async () => {
    await compute.images.beginDeleteAndWait(buildRg, "js-image", poll);
    await compute.virtualMachines.beginDeleteAndWait(buildRg, vmName, poll);
    await expectRefusal(() => compute.virtualMachines.get(buildRg, vmName), 404, "ResourceNotFound");
    await network.networkInterfaces.beginDeleteAndWait(buildRg, "js-nic", poll);
    await network.networkSecurityGroups.beginDeleteAndWait(buildRg, "js-nsg", poll);
    await network.virtualNetworks.beginDeleteAndWait(buildRg, "js-vnet", poll);
  });

  await run("delete the resource groups", async () => {
    for (const name of [buildRg, imagesRg]) {
      await resources.resourceGroups.beginDeleteAndWait(name, poll);
      const exists = await resources.resourceGroups.checkExistence(name);
      expectEqual(exists.body, false, `${name} exists after its deletion`);
    }
  });

  console.log("api-versions sent:");
  for (const [type, versions] of [...apiVersions].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`   ${type}: ${[...versions].sort().join(", ")}`);
  }
  console.log(`PASS: the JavaScript SDK flow completed in ${Date.now() - started} ms`);
}

async function powerState(name) {
  const view = await compute.virtualMachines.instanceView(buildRg, name);
  return (view.statuses ?? []).map((s) => s.code).find((c) => c?.startsWith("PowerState/"));
}

async function run(name, body) {
  step++;
  const t0 = Date.now();
  try {
    await body();
  } catch (e) {
    console.error(`FAIL step ${step} (${name}): ${describe(e)}`);
    if (e?.stack && !(e instanceof AssertionFailure)) {
      console.error(e.stack);
    }
    process.exit(1);
  }
  console.log(`ok ${step} - ${name} (${Date.now() - t0} ms)`);
}

/** Runs call (a promise or a poller) and requires it to fail with an HTTP status and Azure's error code. */
async function expectRefusal(call, status, code) {
  let error;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  if (error === undefined) {
    throw new AssertionFailure(`expected a refusal with ${status} ${code}, but the call succeeded`);
  }
  const actualStatus = error.statusCode ?? error.response?.status;
  const actualCode = error.code ?? error.details?.error?.code;
  if (actualStatus !== status || actualCode !== code) {
    throw new AssertionFailure(
      `expected a refusal with ${status} ${code}, got ${actualStatus} ${actualCode}: ${error.message}`,
    );
  }
  console.log(`   answered ${actualStatus} ${actualCode}: ${error.message}`);
}

class AssertionFailure extends Error {}

function expect(condition, what) {
  if (!condition) {
    throw new AssertionFailure(`expected ${what}`);
  }
}

function expectEqual(actual, expected, what) {
  if (actual !== expected) {
    throw new AssertionFailure(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

function describe(e) {
  if (e instanceof AssertionFailure) {
    return e.message;
  }
  const parts = [e?.name ?? "Error"];
  if (e?.statusCode !== undefined) parts.push(`HTTP ${e.statusCode}`);
  if (e?.code !== undefined) parts.push(`code ${e.code}`);
  if (e?.request?.url) parts.push(`${e.request.method} ${e.request.url}`);
  parts.push(e?.message ?? String(e));
  return parts.join(" | ");
}

function normalizeRegion(name) {
  return String(name).toLowerCase().replace(/\s+/g, "");
}

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`FAIL: environment variable ${name} is not set`);
    process.exit(2);
  }
  return value;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((e) => {
  console.error(`FAIL: ${describe(e)}`);
  process.exit(1);
});
