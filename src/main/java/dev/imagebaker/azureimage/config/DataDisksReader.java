package dev.imagebaker.azureimage.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The build VM's empty data disks. Azure's bounds: LUNs 0 to 63, each once (ComputeRP virtualMachine.json, DataDisk);
 * a Standard SSD, the kind the plugin creates, holds at most 32,767 GiB ("Azure managed disk types"). How many a VM
 * may have depends on its size, which is checked against Azure before anything is created.
 */
final class DataDisksReader {
    static final int MAX_LUN = 63;
    static final int MAX_SIZE_GB = 32_767;
    static final String FIX = "Write each disk as <dataDisk><lun>0</lun><sizeGb>64</sizeGb></dataDisk>, or as"
            + " lun:sizeGb in -D" + PropertyNames.DATA_DISKS + "=0:64,1:128.";

    private DataDisksReader() {
    }

    /** Every entry is checked, so that all bad ones are reported at once. */
    static List<DataDisk> read(ConfigValues values) {
        List<DataDisk> disks = new ArrayList<>();
        Set<Integer> luns = new HashSet<>();
        for (RawConfiguration.DataDiskEntry entry : values.dataDisks()) {
            Integer lun = number(entry.lun(), 0, MAX_LUN);
            Integer size = number(entry.sizeGb(), 1, MAX_SIZE_GB);
            String problem = null;
            if (lun == null) {
                problem = "The data disk LUN '" + text(entry.lun()) + "' is not a number from 0 to " + MAX_LUN + ".";
            } else if (size == null) {
                problem = "The size '" + text(entry.sizeGb()) + "' of the data disk at LUN " + lun + " is not a number"
                        + " of GiB from 1 to " + MAX_SIZE_GB + ".";
            } else if (!luns.add(lun)) {
                problem = "LUN " + lun + " is given to two data disks.";
            }
            if (problem != null) {
                values.problem(PropertyNames.DATA_DISKS, problem, FIX);
            } else {
                disks.add(new DataDisk(lun, size));
            }
        }
        return disks;
    }

    private static Integer number(String text, int min, int max) {
        try {
            int n = Integer.parseInt(text == null ? "" : text.trim());
            return n >= min && n <= max ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
