package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Microsoft.MarketplaceOrdering, the terms of marketplace plans (spec marketplaceordering 2021-01-01
 * Agreements.json): GET and PUT of .../offerTypes/virtualmachine/.../agreements/current (accept by PUTting the
 * object back with accepted true, SetMarketplaceTerms.json), and the older sign, cancel and GET of
 * .../agreements/{publisher}/offers/{offer}/plans/{plan}. Terms are accepted per subscription; tests may accept
 * them beforehand with {@link ArmEmulator.Builder#acceptTerms}.
 */
final class MarketplaceOrderingApi implements ResourceApi {
    private static final String BASE = "/subscriptions/{sub}/providers/Microsoft.MarketplaceOrdering";
    private static final String CURRENT = BASE + "/offerTypes/{type}/publishers/{pub}/offers/{offer}/plans/{plan}"
            + "/agreements/current";
    private static final String AGREEMENT = BASE + "/agreements/{pub}/offers/{offer}/plans/{plan}";
    private final CloudState cloud;

    MarketplaceOrderingApi(CloudState cloud) {
        this.cloud = cloud;
    }

    @Override
    public void register(Router router) {
        router.add("GET", CURRENT, (req, p) -> ArmResponse.ok(terms(p, plan(p))));
        router.add("PUT", CURRENT, this::put);
        router.add("GET", AGREEMENT, (req, p) -> ArmResponse.ok(agreement(p, plan(p))));
        router.add("POST", AGREEMENT + "/sign", (req, p) -> sign(p, true));
        router.add("POST", AGREEMENT + "/cancel", (req, p) -> sign(p, false));
    }

    /** The plan a path names; only plans the catalogue sells have terms. */
    private MarketplaceCatalog.Plan plan(Router.Params p) {
        cloud.requireSubscription(p.get("sub"));
        String type = p.get("type");
        if (type != null && !type.equalsIgnoreCase("virtualmachine")) {
            throw new ArmException(400, "InvalidOfferType", "The offer type '" + type + "' is not supported. The"
                    + " supported offer type is 'virtualmachine'.");
        }
        MarketplaceCatalog.Plan plan = cloud.marketplace.plan(p.get("pub"), p.get("offer"), p.get("plan"));
        if (plan == null) {
            // Azure's wording for an unknown plan was not found; the code is the usual one for a missing entity.
            throw new ArmException(404, "NotFound", "Offer with PublisherId: '" + p.get("pub") + "', OfferId: '"
                    + p.get("offer") + "', PlanId: '" + p.get("plan") + "' was not found.");
        }
        return plan;
    }

    private boolean accepted(Router.Params p, MarketplaceCatalog.Plan plan) {
        return cloud.entitlements.termsAccepted(p.get("sub"), plan.publisher(), plan.product(), plan.name());
    }

    private ArmResponse put(ArmRequest req, Router.Params p) {
        MarketplaceCatalog.Plan plan = plan(p);
        boolean accept = req.body().path("properties").path("accepted").asBoolean(false);
        cloud.entitlements.terms(p.get("sub"), plan.publisher(), plan.product(), plan.name(), accept);
        return ArmResponse.ok(terms(p, plan));
    }

    /** The AgreementTerms object; retrieveDatetime "is empty if Accepted is false" (swagger), so it is left out. */
    private ObjectNode terms(Router.Params p, MarketplaceCatalog.Plan plan) {
        ObjectNode body = Json.object();
        body.put("id", "/subscriptions/" + p.get("sub") + "/providers/Microsoft.MarketplaceOrdering/offerTypes"
                + "/VirtualMachine/publishers/" + plan.publisher() + "/offers/" + plan.product() + "/plans/"
                + plan.name() + "/agreements/current");
        body.put("name", plan.name());
        body.put("type", "Microsoft.MarketplaceOrdering/offertypes");
        ObjectNode props = body.putObject("properties");
        props.put("publisher", plan.publisher());
        props.put("product", plan.product());
        props.put("plan", plan.name());
        String signature = signature(plan);
        props.put("licenseTextLink", "https://mpcprodsa.blob.core.windows.net/legalterms/3E5ED_legalterms_"
                + signature.substring(0, 32) + ".txt");
        props.put("privacyPolicyLink", "https://www.microsoft.com/en-us/privacy/privacystatement");
        props.put("marketplaceTermsLink", "https://mpcprodsa.blob.core.windows.net/marketplaceterms/3EDEF"
                + "_marketplaceterms_VIRTUALMACHINE_" + signature.substring(32) + ".txt");
        boolean accepted = accepted(p, plan);
        if (accepted) {
            props.put("retrieveDatetime", cloud.clock.now().toString());
        }
        props.put("signature", signature);
        props.put("accepted", accepted);
        return body;
    }

    /** The older agreement shape that sign, cancel and GET .../agreements/... answer. */
    private ObjectNode agreement(Router.Params p, MarketplaceCatalog.Plan plan) {
        String id = "/subscriptions/" + p.get("sub") + "/providers/Microsoft.MarketplaceOrdering/agreements/"
                + plan.publisher() + "/offers/" + plan.product() + "/plans/" + plan.name();
        ObjectNode body = Json.object();
        body.put("id", id);
        body.put("name", plan.name());
        body.put("type", "Microsoft.MarketplaceOrdering/agreements");
        ObjectNode props = body.putObject("properties");
        props.put("id", id);
        props.put("publisher", plan.publisher());
        props.put("offer", plan.product());
        boolean accepted = accepted(p, plan);
        props.put(accepted ? "signDate" : "cancelDate", cloud.clock.now().toString());
        props.put("state", accepted ? "Active" : "Canceled");
        return body;
    }

    private ArmResponse sign(Router.Params p, boolean accept) {
        MarketplaceCatalog.Plan plan = plan(p);
        cloud.entitlements.terms(p.get("sub"), plan.publisher(), plan.product(), plan.name(), accept);
        return ArmResponse.ok(agreement(p, plan));
    }

    /** A stable stand-in for the signature Azure issues with the terms. */
    private static String signature(MarketplaceCatalog.Plan plan) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((plan.publisher() + ":" + plan.product()
                    + ":" + plan.name()).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
