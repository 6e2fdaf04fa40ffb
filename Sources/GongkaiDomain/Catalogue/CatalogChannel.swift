/// 公开渠道和载体: the standard checkbox vocabulary in template order; catalogues may add their own.
public enum CatalogChannel {
    public static let standard = ["政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体", "公开查阅点",
                                  "政务服务中心", "便民服务站", "入户/现场", "社区/企事业单位/村公示栏（电子屏）", "精准推送", "其他"]
}
