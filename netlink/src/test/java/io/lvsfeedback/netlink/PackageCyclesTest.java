package io.lvsfeedback.netlink;

import io.lvsfeedback.testfixtures.PackageCycles;
import org.junit.jupiter.api.Test;

/** Architecture rule: the packages of this module form no cycle (issue 17). */
class PackageCyclesTest {

    @Test
    void packagesFormNoCycle() {
        PackageCycles.assertNoneBelow("io.lvsfeedback.netlink");
    }
}
